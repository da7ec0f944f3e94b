// English strings: the same keys as vi.ts (the type and a test hold that).
import { PRIORITY_NAMES } from '@luot/shared';
import type { Translation } from './vi.ts';

export const en: Translation = {
  common: {
    appName: 'Lượt',
    back: 'Back',
    cancel: 'Cancel',
    done: 'Done',
    home: 'Back to the start screen',
    retry: 'Try again',
    loading: 'Loading…',
  },
  language: {
    choose: 'Choose a language',
  },
  connection: {
    connecting: 'Connecting…',
    offline: 'Connection lost, reconnecting…',
  },
  clock: {
    label: 'Current date and time',
  },
  dataTable: {
    empty: 'No data',
    sortAscending: 'Sort by {{column}}, ascending',
    sortDescending: 'Sort by {{column}}, descending',
  },
  idle: {
    tapToStart: 'Touch to take a number',
  },
  fields: {
    title: 'Choose what you need help with',
    waiting_one: '{{count}} person waiting',
    waiting_other: '{{count}} people waiting',
    nobodyWaiting: 'Nobody waiting',
    noOpenCounter: 'No counter open yet',
    outOfHours: 'Outside opening hours',
  },
  priority: {
    button: 'Priority',
    title: 'Choose your priority group',
    hint: 'For elderly people, people with a disability, pregnant women, people with a small child and people with meritorious services',
    groups: {
      elderly: PRIORITY_NAMES.elderly.en,
      disabled: PRIORITY_NAMES.disabled.en,
      pregnant: PRIORITY_NAMES.pregnant.en,
      child: PRIORITY_NAMES.child.en,
      merit: PRIORITY_NAMES.merit.en,
    },
  },
  procedure: {
    title: 'Choose a procedure',
    search: 'Search procedures',
    searchPlaceholder: 'Type a procedure, e.g. marriage registration',
    other: 'Other / not sure',
    noResults: 'No matching procedure',
  },
  issuing: {
    inProgress: 'Getting your number…',
    failed: 'Could not get a number. Please try again or ask a staff member.',
  },
  issued: {
    yourNumber: 'Your number',
    goToCounters_one: 'Please go to counter {{counters}}',
    goToCounters_other: 'Please go to counters {{counters}}',
    peopleAhead_one: '{{count}} person ahead of you',
    peopleAhead_other: '{{count}} people ahead of you',
    estimatedWait: 'Estimated wait: about {{minutes}} minutes',
    takeTicket: 'Please take your ticket',
    printing: 'Printing your ticket…',
    printFailed: 'The ticket could not be printed. Please remember your number or ask a staff member.',
    scanQr: 'Scan the QR code to follow your turn',
  },
  pairing: {
    title: 'Pair this device',
    enterCode: 'Enter the pairing code',
    submit: 'Pair',
    invalidCode: 'The pairing code is wrong or has expired.',
    tooManyAttempts: 'Too many wrong codes. Please try again in a few minutes.',
  },
  status: {
    title: 'Follow your turn',
    yourNumber: 'Your number',
    calledTo: 'Please go to counter {{counter}}',
    serving: 'Being served at counter {{counter}}',
    done: 'Served. Thank you!',
    noShow: 'Your turn has passed. Please ask a staff member.',
    cancelled: 'This number was cancelled.',
    expired: 'This number has expired.',
    notFound: 'Ticket not found.',
  },
};
