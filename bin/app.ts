// `npx cdk synth|deploy -c stage=<name>`: one stack per stage, checked by cdk-nag.
import { buildApp } from '../lib/app';

buildApp().app.synth();
