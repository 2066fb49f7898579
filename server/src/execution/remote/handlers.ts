// Publish to AWS and Download from AWS on the language server's connection: the definition comes
// through the one analysis of its text (a template's machine by its `#<id>` URI).
import type { Connection } from 'vscode-languageserver/node';
import type { AslLanguageService } from '../../languageService';
import { DeployedMachinesRequest, DownloadRequest, PublishPreviewRequest, PublishRequest, TargetIdentityRequest, type SourceText } from '../../protocol';
import { deployedMachines, downloadDefinition } from './download';
import { previewPublish, publish, targetIdentity, type AnalyzeAs } from './publish';

export function listenForPublish(connection: Connection, service: AslLanguageService): void {
  const analyzeAs = (definition: SourceText): AnalyzeAs => (type) => service.analyze(definition, { machineType: type });
  connection.onRequest(TargetIdentityRequest, ({ target, withRoles }) => targetIdentity(target, withRoles ?? true));
  connection.onRequest(PublishPreviewRequest, (params) => previewPublish(analyzeAs(params.definition), params));
  connection.onRequest(PublishRequest, (params) => publish(analyzeAs(params.definition), params));
  connection.onRequest(DeployedMachinesRequest, ({ target }) => deployedMachines(target));
  connection.onRequest(DownloadRequest, (params) => downloadDefinition(params));
}
