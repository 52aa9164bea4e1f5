import { contextHandler } from '../http/handler';
import { cancelBooking, getBookingCalendar, getBookingForCustomer, listBranchBookings, markBookingNoShow, rescheduleBooking, staffCancelBooking } from './booking-moves';
import { checkInBooking, checkInMyBooking } from './check-in';
import { addStaffBooking, createBooking } from './create-booking';
import { listSlots } from './slots';

export const handler = contextHandler({
  listSlots,
  createBooking,
  addStaffBooking,
  getBooking: getBookingForCustomer,
  getBookingCalendar,
  rescheduleBooking,
  cancelBooking,
  staffCancelBooking,
  markBookingNoShow,
  listBranchBookings,
  checkInBooking,
  checkInMyBooking,
});
