import { contextHandler } from '../http/handler';
import { getPushConfig, subscribePush } from './push-subscriptions';

export const handler = contextHandler({ getPushConfig, subscribePush });
