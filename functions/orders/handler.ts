import { contextHandler } from '../http/handler';
import { getCatalog, setStock, upsertProduct } from './catalog';
import { checkInOrder } from './check-in';
import { createOrder } from './create-order';
import { cancelOrder, getBranchOrder, getOrderForCustomer, listBranchOrders, resendReadyMessage, updateOrderStatus } from './order-moves';
import { listPickupWindows } from './windows';

export const handler = contextHandler({
  getCatalog,
  upsertProduct,
  setStock,
  listPickupWindows,
  createOrder,
  getOrder: getOrderForCustomer,
  cancelOrder,
  listBranchOrders,
  getBranchOrder,
  updateOrderStatus,
  checkInOrder,
  resendReadyMessage,
});
