import { contextHandler } from '../http/handler';
import { getBoard } from './board';
import { addTicketNote, callNext, closeCounter, completeService, markNoShow, openCounter, pauseCounter, recallTicket, startService, transferTicket } from './counter-actions';
import { getTicketForCustomer, updateTicketByCustomer } from './customer-ticket';
import { handOverOrder } from './hand-over';
import { getQueue } from './staff-queue';
import { takeTicket } from './take-ticket';
import { confirmPhoneVerification, startPhoneVerification } from './phone-verification';
import { reconcileOfflineTickets, reserveTicketBlock } from './ticket-blocks';

export const handler = contextHandler({
  takeTicket,
  startPhoneVerification,
  confirmPhoneVerification,
  reserveTicketBlock,
  reconcileOfflineTickets,
  getTicket: getTicketForCustomer,
  updateTicket: updateTicketByCustomer,
  getBoard,
  getQueue,
  openCounter,
  pauseCounter,
  closeCounter,
  callNext,
  recallTicket,
  startService,
  completeService,
  markNoShow,
  transferTicket,
  addTicketNote,
  handOverOrder,
});
