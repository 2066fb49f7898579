// Publish to AWS and Download from AWS on the language server's connection: the definition comes
// through the one analysis of its text (a template's machine by its `#<id>` URI).
import type { Connection } from 'vscode-languageserver/node';
import type { AslLanguageService } from '../../languageService';
import { DeployedMachinesRequest, DownloadRequest, PublishPreviewRequest, PublishRequest, TargetIdentityRequest } from '../../protocol';
import { deployedMachines, downloadDefinition } from './download';
import { previewPublish, publish, targetIdentity } from './publish';

export function listenForPublish(connection: Connection, service: AslLanguageService): void {
  const analysisOf = (params: { definition: Parameters<AslLanguageService['analyze']>[0]; type?: 'STANDARD' | 'EXPRESS' }) =>
    service.analyze(params.definition, params.type ? { machineType: params.type } : {});
  connection.onRequest(TargetIdentityRequest, ({ target }) => targetIdentity(target));
  connection.onRequest(PublishPreviewRequest, (params) => previewPublish(analysisOf(params), params));
  connection.onRequest(PublishRequest, (params) => publish(analysisOf(params), params));
  connection.onRequest(DeployedMachinesRequest, ({ target }) => deployedMachines(target));
  connection.onRequest(DownloadRequest, (params) => downloadDefinition(params));
}
