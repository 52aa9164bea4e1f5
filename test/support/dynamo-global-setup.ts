import type { TestProject } from 'vitest/node';
import { requireJava17, startDynamo, type LocalDynamo } from '../../bin/local/dynamo';

// One DynamoDB Local (the real engine) for the whole integration run; each test file
// gets a table of its own (see integration-setup.ts).
let dynamo: LocalDynamo | undefined;

export async function setup(project: TestProject) {
  requireJava17();
  dynamo = await startDynamo();
  project.provide('dynamoEndpoint', dynamo.endpoint);
}

export async function teardown() {
  await dynamo?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
