// Customer feedback: the one-question survey and "talk to a person" (issue 8).
import type { Widen } from './widen';
import type { feedbackEn } from './feedback.en';

export const feedbackHe: Widen<typeof feedbackEn> = {
  feedback: {
    surveyTitle: 'איך היה הביקור?',
    surveyHint: '1 – גרוע מאוד, 5 – מצוין.',
    score: { 1: 'גרוע מאוד', 2: 'לא טוב', 3: 'בסדר', 4: 'טוב', 5: 'מצוין' },
    scoreName: (n: number, word: string) => `${n} — ${word}`,
    commentLabel: 'רוצים להוסיף משהו? (לא חובה)',
    wantsCall: 'אשמח שיחזרו אליי',
    wantsCallHint: 'נחזור אליכם בטלפון או בדוא״ל שמסרתם.',
    send: 'שליחה',
    sending: 'שולחים…',
    pickScore: 'בחרו ציון מ־1 עד 5.',
    thanksTitle: 'תודה!',
    thanks: (n: number) => `הציון שלך לביקור: ${n} מתוך 5. זה עוזר לנו להשתפר.`,
    alreadyAnswered: 'כבר קיבלנו תשובה על הביקור הזה. תודה!',
    callSoon: 'מישהו מהסניף ייצור אתכם קשר.',

    talkLink: 'לדבר עם נציג או להגיש תלונה',
    talkTitle: 'לדבר עם נציג',
    talkIntro: 'השאירו פרטים ומישהו מהסניף יחזור אליכם בטלפון או בדוא״ל.',
    topicLegend: 'במה מדובר?',
    topic: { talk_to_person: 'שאלה – אשמח לשיחה', complaint: 'תלונה' },
    contactLegend: 'איך ליצור איתכם קשר?',
    contactHint: 'מספיק אחד מהשניים, כדי שנוכל לחזור אליכם.',
    noteLabel: 'מה תרצו לספר לנו? (לא חובה)',
    talkSend: 'בקשת שיחה חוזרת',
    talkSent: 'תודה. הבקשה התקבלה ומישהו מהסניף יחזור אליכם.',
    complaintSent: 'תודה. התלונה התקבלה ומישהו מהסניף יחזור אליכם.',
    close: 'סגירה',
    badName: 'כתבו שם (עד 80 תווים).',
    badPhone: 'בדקו את מספר הטלפון: 7 עד 20 ספרות.',
    badEmail: 'בדקו את כתובת הדוא״ל.',
    badNote: 'ההערה יכולה להיות עד 500 תווים.',
  },
};
