// Builds the app for a stage: used by bin/app.ts (synth, deploy) and by the infra tests.
import { Annotations, App, Tags, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { loadStageConfig } from './config';
import { EdgeStack } from './edge';
import { DalpakStack } from './stack';

export function buildApp(props: AppProps = {}): { app: App; stack: DalpakStack; edge?: EdgeStack } {
  const app = new App(props);
  const context = (key: string): unknown => app.node.tryGetContext(key);
  const config = loadStageConfig(context('stage'), context('settings'), context('stages'));
  // The stage's region pins the stack there (the account stays the CLI's); without one it goes
  // where the CLI's credentials point. CloudFront's web ACL must be made in us-east-1: a small
  // stack there, referenced across regions, which needs that region known at synth.
  const region = config.region ?? process.env.CDK_DEFAULT_REGION;
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const edge = region ? new EdgeStack(app, `Dalpak-${config.stage}-edge`, config, { env: { region: 'us-east-1', account }, crossRegionReferences: true }) : undefined;
  const stack = new DalpakStack(app, `Dalpak-${config.stage}`, config, {
    env: region ? { region, account } : undefined,
    crossRegionReferences: Boolean(edge),
    webAclArn: edge?.webAcl.attrArn,
  });
  if (!edge) Annotations.of(stack).addWarningV2('dalpak:no-waf', 'No region known at synth: the stack has no CloudFront WAF. Deploy with credentials for a region or set the stage\'s `region`.');
  Tags.of(app).add('app', 'dalpak');
  Tags.of(app).add('stage', config.stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack, edge };
}
