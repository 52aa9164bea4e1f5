// Web and API on one origin: CloudFront serves the built app from a private bucket (OAC)
// and forwards /api/* to the HTTP API.
import { Duration, RemovalPolicy, Annotations, Fn } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CfFunction,
  FunctionCode,
  FunctionEventType,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  FunctionRuntime,
} from 'aws-cdk-lib/aws-cloudfront';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IWebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source, type ISource } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StageConfig } from './config';
import { contentSecurityPolicy, webConfig } from './web-policy';

/** Where `npm run build:web` puts the app. */
export const webDist = fileURLToPath(new URL('../web/dist', import.meta.url));

// SPA fallback at the edge: a path without a file extension is a face route → index.html.
// (/api/* never reaches this function: it has its own behaviour.)
export const spaRewrite = `function handler(event) {
  var req = event.request;
  var last = req.uri.split('/').pop();
  if (last.indexOf('.') === -1) req.uri = '/index.html';
  return req;
}`;


export interface WebProps {
  config: StageConfig;
  api: HttpApi;
  /** The WebSocket stage served at /ws, so pages open sockets on their own origin. */
  live?: IWebSocketStage;
  /** The built app's folder; defaults to web/dist (tests point it elsewhere). */
  distDir?: string;
  /** CloudFront's WAF web ACL (made in us-east-1 by lib/edge.ts). */
  webAclArn?: string;
}

export class Web extends Construct {
  readonly distribution: Distribution;
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, { config, api, live, distDir = webDist, webAclArn }: WebProps) {
    super(scope, id);
    const removal = config.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED, // CloudFront standard logs need ACLs
      lifecycleRules: [{ expiration: Duration.days(config.logRetentionDays) }],
      removalPolicy: removal,
      autoDeleteObjects: !config.protectData,
    });
    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: removal,
      autoDeleteObjects: !config.protectData,
    });

    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: `Dalpak ${config.stage} security headers`,
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, preload: false, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });
    const spa = new CfFunction(this, 'SpaRewrite', { code: FunctionCode.fromInline(spaRewrite), runtime: FunctionRuntime.JS_2_0 });
    // The API's host name, without the scheme: https://abc.execute-api.region.amazonaws.com/
    const apiHost = Fn.select(2, Fn.split('/', api.apiEndpoint));

    this.distribution = new Distribution(this, 'Cdn', {
      comment: `Dalpak ${config.stage}`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // A custom domain brings its own certificate and with it a modern TLS floor;
      // without one, CloudFront's default certificate is used (see lib/nag.ts, CFR4).
      ...(config.domain && {
        domainNames: [config.domain.name],
        certificate: Certificate.fromCertificateArn(this, 'Certificate', config.domain.certificateArn),
        minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      }),
      webAclId: webAclArn,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cdn/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: spa, eventType: FunctionEventType.VIEWER_REQUEST }],
        compress: true,
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(apiHost, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
        ...(live && {
          // CloudFront carries the WebSocket upgrade through; the stage's path is the origin path.
          '/ws': {
            origin: new HttpOrigin(Fn.select(2, Fn.split('/', live.url)), { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY, originPath: `/${live.stageName}` }),
            viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
            allowedMethods: AllowedMethods.ALLOW_ALL,
            cachePolicy: CachePolicy.CACHING_DISABLED,
            originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          },
        }),
      },
    });

    new BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      sources: [webSource(this, distDir), Source.jsonData('config.json', { ...webConfig, languages: config.languages })],
      distribution: this.distribution,
      // Hashed assets never change; everything else (index.html, config.json, manifest, icons) may.
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
  }
}

/** The built app (`npm run build:web`); synth must not run Vite, so without it a placeholder ships. */
function webSource(scope: Construct, distDir: string): ISource {
  if (existsSync(join(distDir, 'index.html'))) return Source.asset(distDir);
  Annotations.of(scope).addWarningV2('dalpak:web-not-built', 'web/dist is missing: run `npm run build:web` before deploying; a placeholder page is deployed');
  return Source.data('index.html', '<!doctype html><title>Dalpak</title><p>Run npm run build:web, then deploy again.</p>');
}
