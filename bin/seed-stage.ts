// `npm run seed:stage -- --stage <stage> [--region r]`: puts the demo branches (services, counters,
// hours, catalog and stock) into a deployed stage's table, so a fresh dev stage has something to
// serve and `npm run smoke` a branch to try. Branches already there are left as they are. Staff are
// not seeded: in AWS they live in Cognito (see the README's first-admin step).
// Needs the operator's credentials: cloudformation:DescribeStacks and dynamodb:GetItem/PutItem on the table.
import { parseArgs } from 'node:util';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';

const { values } = parseArgs({ strict: false, options: { stage: { type: 'string' }, region: { type: 'string' } } });
const stage = values.stage as string | undefined;
const region = values.region as string | undefined;

if (!stage) {
  console.error('usage: npm run seed:stage -- --stage <stage> [--region <region>]');
  process.exit(2);
}
try {
  const out = await new CloudFormationClient({ region }).send(new DescribeStacksCommand({ StackName: `Dalpak-${stage}` }));
  const tableName = out.Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === 'TableName')?.OutputValue;
  if (!tableName) throw new Error(`stack Dalpak-${stage} has no TableName output: deploy it first`);
  // The repositories read these when first used: the stage's table, in AWS (no local endpoint).
  Object.assign(process.env, { TABLE_NAME: tableName, ...(region ? { AWS_REGION: region } : {}) });
  delete process.env.DYNAMODB_ENDPOINT;
  const { demoBranches } = await import('../functions/seed/demo');
  const { branchExists, putBranchSetup } = await import('../functions/data/setup-repo');
  for (const b of demoBranches) {
    if (await branchExists(b.branch.id)) {
      console.log(`kept    ${b.branch.id} (already there)`);
      continue;
    }
    await putBranchSetup(b);
    console.log(`added   ${b.branch.id}: ${b.services.length} services, ${b.counters.length} counters, ${b.catalog.length} products`);
  }
} catch (e) {
  console.error(`seed failed: ${(e as Error).message}`);
  process.exitCode = 1;
}
