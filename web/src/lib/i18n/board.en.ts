// Display board: who is called to which counter, waits, and the offline notice.
export const boardEn = {
  nowServing: 'Now serving',
  numberCol: 'Number',
  counterCol: 'Counter',
  recentlyCalled: 'Recently called',
  currentWaits: 'Current waits',
  readyForPickup: 'Ready for pickup',
  boardEmpty: 'Nobody is being called right now.',
  enableSound: 'Enable sound',
  soundOn: 'Sound on',
  announce: (num: string, counter: number) => `Number ${num}, counter ${counter}`,
  boardOfflineTitle: 'Offline — please listen to the clerk',
  boardOfflineBody: 'This screen has lost its connection. Numbers are called out at the counters; the screen comes back by itself.',
  boardOfflineSince: (time: string) => `No connection since ${time}`,
};
