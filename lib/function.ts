// One Lambda per bounded context, bundled by the local esbuild (never Docker).
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { contexts, type ContextName } from '../functions/routes';
import type { StageConfig } from './config';
import { businessNamespace } from './observability';

const root = fileURLToPath(new URL('..', import.meta.url));

export type TableAccess = 'RO' | 'RW';

/** A directory under functions/: an HTTP context of the route table, or a worker-only one. */
export type FunctionHome = ContextName | 'realtime' | 'webhooks';

export interface DalpakFunctionProps {
  context: FunctionHome;
  /** Another entry of the context than its HTTP handler (e.g. a scheduled job), relative to functions/<context>/. */
  entry?: string;
  description?: string;
  config: StageConfig;
  environment: Record<string, string>;
}

export class DalpakFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, { context, config, environment, entry, description }: DalpakFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: config.logRetentionDays,
      removalPolicy: config.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.fn = new NodejsFunction(this, 'Fn', {
      description: `Dalpak ${config.stage}: ${description ?? (context in contexts ? contexts[context as ContextName].description : context)}`,
      entry: `${root}functions/${context}/${entry ?? 'handler.ts'}`,
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: context in contexts ? contexts[context as ContextName].memoryMb : 512,
      timeout: Duration.seconds(config.functionTimeoutSeconds),
      tracing: Tracing.ACTIVE,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      projectRoot: root,
      depsLockFilePath: `${root}package-lock.json`,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        STAGE: config.stage,
        POWERTOOLS_SERVICE_NAME: `dalpak-${context}`,
        POWERTOOLS_METRICS_NAMESPACE: businessNamespace(config.stage),
        LOG_LEVEL: config.logLevel,
        // Stage settings the handlers may read (plumbing: the repositories still hold their own defaults).
        LANGUAGES: config.languages.join(','),
        RETENTION_VISIT_DAYS: String(config.retentionDays.visit),
        RETENTION_BOOKING_DAYS: String(config.retentionDays.booking),
        ...environment,
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        // Some dependencies still call require(): give ESM output a require of its own.
        banner: "import { createRequire } from 'module';const require = createRequire(import.meta.url);",
        mainFields: ['module', 'main'],
      },
    });
  }

  /** Least privilege: read-only functions get no write action on the table. */
  bindTable(table: ITableV2, access: TableAccess): void {
    if (access === 'RW') table.grantReadWriteData(this.fn);
    else table.grantReadData(this.fn);
  }
}
