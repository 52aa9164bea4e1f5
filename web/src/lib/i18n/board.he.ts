// Display board: who is called to which counter, waits, and the offline notice.
import type { Widen } from './widen';
import type { boardEn } from './board.en';

export const boardHe: Widen<typeof boardEn> = {
  nowServing: 'כעת בשירות',
  numberCol: 'מספר',
  counterCol: 'עמדה',
  recentlyCalled: 'נקראו לאחרונה',
  currentWaits: 'זמני המתנה',
  readyForPickup: 'מוכן לאיסוף',
  boardEmpty: 'אין קריאות כרגע.',
  enableSound: 'הפעלת צליל',
  soundOn: 'הצליל פועל',
  announce: (num, counter) => `מספר ${num}, עמדה ${counter}`,
  boardOfflineTitle: 'אין חיבור — נא להקשיב לקריאת הפקידים',
  boardOfflineBody: 'המסך איבד את החיבור. המספרים נקראים בקול בעמדות; המסך יחזור לפעול מעצמו.',
  boardOfflineSince: (time) => `אין חיבור מאז ${time}`,
};
