// Builds the app for a stage: used by bin/app.ts (synth, deploy) and by the infra tests.
import { App, Tags, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadStageConfig } from './config';
import { DalpakStack } from './stack';

export function buildApp(props: AppProps = {}): { app: App; stack: DalpakStack } {
  const app = new App(props);
  const context = (key: string): unknown => app.node.tryGetContext(key);
  const config = loadStageConfig(context('stage'), context('settings'), context('stages'));
  const stack = new DalpakStack(app, `Dalpak-${config.stage}`, config);
  Tags.of(app).add('app', 'dalpak');
  Tags.of(app).add('stage', config.stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
