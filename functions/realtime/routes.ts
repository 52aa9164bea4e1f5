// The WebSocket API's route table: CDK declares these routes (lib/realtime.ts), the local
// runtime selects among them the same way ($request.body.action), the handler serves them.
export const wsRoutes = ['$connect', '$disconnect', 'subscribe', '$default'] as const;
export type WsRoute = (typeof wsRoutes)[number];
export const routeSelection = (action: unknown): WsRoute => (action === 'subscribe' ? 'subscribe' : '$default');
