// Builds the app for a stage: used by bin/app.ts (synth, deploy) and by the infra tests.
import { App, Tags, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadStageConfig } from './config';
import { DalpakStack } from './stack';

export function buildApp(props: AppProps = {}): { app: App; stack: DalpakStack } {
  const app = new App(props);
  const context = (key: string): unknown => app.node.tryGetContext(key);
  const config = loadStageConfig(context('stage'), context('settings'), context('stages'));
  // A region in the stage config pins the stack there (the account stays the CLI's);
  // without one the stack is environment-agnostic and goes where the CLI's credentials point.
  const env = config.region ? { region: config.region, account: process.env.CDK_DEFAULT_ACCOUNT } : undefined;
  const stack = new DalpakStack(app, `Dalpak-${config.stage}`, config, { env });
  Tags.of(app).add('app', 'dalpak');
  Tags.of(app).add('stage', config.stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
