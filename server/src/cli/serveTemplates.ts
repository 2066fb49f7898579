// `serve --template FILE`: the state machines of SAM, CloudFormation, CDK, Terraform and Serverless
// templates created at start under their logical ids, each definition as the editor resolves it
// (its placeholders filled with the template's values), so that code written against the deployed
// stack's machine names runs against the local endpoint unchanged.
import { LOCAL_ACCOUNT } from '../core/embedded/localValues';
import { statesArn } from '../core/interpreter/engine';
import { ApiError } from '../apiServer/errors';
import type { StepFunctions } from '../apiServer/stepFunctions';
import { analyzeDefinitionFile, analyzeTemplateFile, formatDiagnostic } from './definitionFile';
import { UsageError } from './execution';

/** What a template's machine runs as locally: no role is assumed, but CreateStateMachine requires one. */
const roleOf = (id: string) => `arn:aws:iam::${LOCAL_ACCOUNT}:role/${id}`;

/**
 * Creates (or, restored from the journal with another definition, updates) every machine of the
 * templates. Throws UsageError naming every machine that cannot be created, at its template position:
 * the endpoint does not start with part of what it was asked to serve.
 */
export async function createTemplateMachines(service: StepFunctions, files: string[], report: (line: string) => void): Promise<void> {
  const problems: string[] = [];
  const definedBy = new Map<string, string>();
  for (const file of files) {
    const template = analyzeTemplateFile(file);
    if (!template) throw new UsageError(`${file} is not a template holding a state machine`);
    for (const { definition } of template.machines) {
      const id = definition.id;
      const earlier = definedBy.get(id);
      if (earlier !== undefined) {
        problems.push(`${file}: the state machine ${id} is also defined by ${earlier}; a name serves one machine\n`);
        continue;
      }
      definedBy.set(id, file);
      const analysis = analyzeDefinitionFile(file, { machineType: definition.machineType }, id);
      const { errors } = await analysis.compiled();
      if (errors.length) {
        problems.push(...errors.map((error) => formatDiagnostic(file, error)));
        continue;
      }
      try {
        await createOrUpdate(service, id, JSON.stringify(analysis.value), definition.machineType ?? 'STANDARD');
        report(`Created ${statesArn('stateMachine', id)} from ${file}\n`);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        problems.push(`${file}: the state machine ${id}: ${error.type}: ${error.message}\n`);
      }
    }
  }
  if (problems.length) throw new UsageError(`these state machines cannot be created:\n${problems.join('')}`.trimEnd());
}

async function createOrUpdate(service: StepFunctions, name: string, definition: string, type: string): Promise<void> {
  try {
    await service.actions.CreateStateMachine({ name, definition, roleArn: roleOf(name), type });
  } catch (error) {
    // Kept by --data from an earlier start, with the template's previous definition.
    if (!(error instanceof ApiError && error.type === 'StateMachineAlreadyExists')) throw error;
    await service.actions.UpdateStateMachine({ stateMachineArn: statesArn('stateMachine', name), definition, roleArn: roleOf(name) });
  }
}
