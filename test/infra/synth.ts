// Synthesises the app the way `cdk synth` does (cdk.json's context and feature flags),
// but without bundling the functions: context `aws:cdk:bundling-stacks: []` skips esbuild.
import { readFileSync } from 'node:fs';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../lib/app';

export const cdkJsonContext = (JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> }).context;

export function synth(stage: string, context: Record<string, unknown> = {}) {
  const { app, stack } = buildApp({ context: { ...cdkJsonContext, stage, 'aws:cdk:bundling-stacks': [], ...context } });
  return { app, stack, template: Template.fromStack(stack) };
}

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };

/** Resources of one type, keyed by logical id. */
export function resources(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

/** Our own functions (not CDK's helpers), keyed by logical id. */
export function ourFunctions(template: Template, stage: string): Record<string, Resource> {
  return Object.fromEntries(
    Object.entries(resources(template, 'AWS::Lambda::Function')).filter(([, f]) => String(f.Properties.Description ?? '').startsWith(`Dalpak ${stage}:`)),
  );
}
