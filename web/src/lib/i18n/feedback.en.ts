// Customer feedback: the one-question survey and "talk to a person" (issue 8).
export const feedbackEn = {
  feedback: {
    // The one-question survey after a visit
    surveyTitle: 'How was your visit?',
    surveyHint: '1 is very bad, 5 is very good.',
    score: { 1: 'Very bad', 2: 'Bad', 3: 'OK', 4: 'Good', 5: 'Very good' },
    scoreName: (n: number, word: string) => `${n} — ${word}`,
    commentLabel: 'Anything you want to add? (optional)',
    wantsCall: "I'd like someone to call me",
    wantsCallHint: 'We use the phone or email you gave us.',
    send: 'Send',
    sending: 'Sending…',
    pickScore: 'Choose a score from 1 to 5.',
    thanksTitle: 'Thank you!',
    thanks: (n: number) => `You gave your visit ${n} out of 5. It helps us do better.`,
    alreadyAnswered: 'You already answered for this visit. Thank you!',
    callSoon: 'Someone from the branch will get in touch.',

    // "Talk to a person" and complaints, on every customer page
    talkLink: 'Talk to a person or make a complaint',
    talkTitle: 'Talk to a person',
    talkIntro: 'Leave your details and someone from the branch will call or write back.',
    topicLegend: 'What is it about?',
    topic: { talk_to_person: 'A question: please call me', complaint: 'A complaint' },
    contactLegend: 'How can we reach you?',
    contactHint: 'One of the two is enough, so we can get back to you.',
    noteLabel: 'What would you like to tell us? (optional)',
    talkSend: 'Ask for a call back',
    talkSent: 'Thank you. We have your request, and someone from the branch will get back to you.',
    complaintSent: 'Thank you. We have your complaint, and someone from the branch will get back to you.',
    close: 'Close',
    badName: 'Enter your name (up to 80 characters).',
    badPhone: 'Check the phone number: 7 to 20 digits.',
    badEmail: 'Check the email address.',
    badNote: 'The note can be up to 500 characters.',
  },
};
