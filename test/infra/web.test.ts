import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../lib/config';
import { spaRewrite, Web } from '../../lib/web';
import { resources, synth } from './synth';

// Runs the CloudFront Function's code as CloudFront would: handler(event) -> request.
const rewrite = new Function(`${spaRewrite}; return handler;`)() as (e: { request: { uri: string } }) => { uri: string };
const uriFor = (uri: string) => rewrite({ request: { uri } }).uri;

describe('the SPA rewrite (CloudFront Function)', () => {
  it('serves index.html for face routes (no dot in the last segment)', () => {
    for (const uri of ['/', '/kiosk', '/customer/branches/b-1', '/staff/counters/c-2/', '/t/01HZX3'])
      expect(uriFor(uri), uri).toBe('/index.html');
  });

  it('leaves files alone', () => {
    for (const uri of ['/index.html', '/config.json', '/assets/index-3f2a.js', '/icon.svg', '/manifest.webmanifest', '/v1.2/app.css'])
      expect(uriFor(uri), uri).toBe(uri);
  });
});

describe('the web construct', () => {
  const webIn = (distDir: string) => {
    const stack = new Stack(new App(), 'WebOnly');
    new Web(stack, 'Web', { config: loadStageConfig('dev'), api: new HttpApi(stack, 'Api'), distDir });
    return stack;
  };

  it('deploys a placeholder and warns when the app was not built (synth never runs Vite)', () => {
    const stack = webIn(mkdtempSync(join(tmpdir(), 'dalpak-no-dist-')));
    Annotations.fromStack(stack).hasWarning('/WebOnly/Web', Match.stringLikeRegexp('web/dist is missing.*npm run build:web'));
    Template.fromStack(stack).resourceCountIs('Custom::CDKBucketDeployment', 1);
  });

  it('deploys the built app without a warning when web/dist has an index.html', () => {
    const dist = mkdtempSync(join(tmpdir(), 'dalpak-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Dalpak</title>');
    const stack = webIn(dist);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('web/dist is missing'))).toEqual([]);
  });
});

describe('a stage with its own domain', () => {
  const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
  const withDomain = synth('prod', { settings: { domain: { name: 'queue.example.com', certificateArn } } });
  const plain = synth('prod');
  const dist = (t: typeof plain.template) => Object.values(resources(t, 'AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;

  it('serves that domain with its certificate and a TLS 1.2 floor', () => {
    expect(dist(withDomain.template)).toMatchObject({
      Aliases: ['queue.example.com'],
      ViewerCertificate: { AcmCertificateArn: certificateArn, SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' },
    });
    expect(withDomain.template.findOutputs('SiteUrl').SiteUrl!.Value).toBe('https://queue.example.com');
  });

  it("uses CloudFront's own name and certificate without one", () => {
    expect(dist(plain.template).Aliases).toBeUndefined();
    expect(dist(plain.template).ViewerCertificate).toBeUndefined();
  });
});
