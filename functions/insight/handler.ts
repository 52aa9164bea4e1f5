import { contextHandler } from '../http/handler';
import { startCheckout } from './checkouts';
import { listBranchMoments, requestCallback, updateMoment } from './moments';
import { backfillStats, exportBranchStats, getBranchStats } from './stats';
import { getSurveyStatus, submitSurvey } from './survey';
import { eraseCustomerData, exportCustomerData, searchCustomerData } from '../privacy/customer-data';

export const handler = contextHandler({
  getSurveyStatus,
  submitSurvey,
  requestCallback,
  startCheckout,
  listBranchMoments,
  updateMoment,
  getBranchStats,
  exportBranchStats,
  backfillStats,
  searchCustomerData,
  exportCustomerData,
  eraseCustomerData,
});
