// Phone verification before joining from home (issue 7): the join form's code steps.
import type { Widen } from './widen';
import type { verifyEn } from './verify.en';

export const verifyHe: Widen<typeof verifyEn> = {
  verifyPhoneLabel: 'טלפון',
  verifyPhoneHint: 'הסניף הזה מאמת את מספר הטלפון בקוד שנשלח במסרון לפני ההצטרפות לתור. נשתמש בו רק כדי לעדכן אתכם על התור.',
  verifySend: 'שליחת קוד',
  verifySending: 'שולחים…',
  verifyResend: 'שליחת קוד חדש',
  verifySent: (phone: string) => `שלחנו קוד בן 6 ספרות למספר \u2068${phone}\u2069. הקוד בתוקף 10 דקות.`,
  verifyCodeLabel: 'הקוד מהמסרון',
  verifyConfirm: 'אישור הקוד',
  verifyConfirming: 'בודקים…',
  verifyDone: 'הטלפון אומת. אפשר להצטרף לתור.',
  verifyChangePhone: 'שינוי מספר',
  verifyNeeded: 'יש לאמת את הטלפון בקוד לפני ההצטרפות.',
  verifyPhoneMissing: 'נא להזין מספר טלפון קודם.',
  verifyPhoneInvalid: 'נא להזין מספר טלפון בן 7 עד 20 ספרות.',
  verifyCodeInvalid: 'הקוד בן 6 ספרות.',
  verifyWrongCode: (left: number) => (left === 1 ? 'זה לא הקוד ששלחנו. נותר ניסיון אחד.' : `זה לא הקוד ששלחנו. נותרו ${left} ניסיונות.`),
  verifyLocked: 'יותר מדי קודים שגויים. נא לשלוח קוד חדש.',
  verifyExpired: 'תוקף הקוד פג. נא לשלוח קוד חדש.',
  verifyUsed: 'הקוד הזה כבר נוצל. נא לשלוח קוד חדש.',
  verifyTooMany: (minutes: number) => (minutes <= 1 ? 'נשלחו יותר מדי קודים למספר הזה. נא לנסות שוב בעוד דקה.' : `נשלחו יותר מדי קודים למספר הזה. נא לנסות שוב בעוד ${minutes} דקות.`),
  verifyUnverified: 'הטלפון כבר אינו מאומת בסניף הזה. נא לשלוח קוד חדש.',
};
