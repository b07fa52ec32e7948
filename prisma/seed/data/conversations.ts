// What agents and requesters say in any request, whatever its type: {first}, {agent} and {next} are
// filled in by prisma/seed/demo.ts.

export const ACK = [
  "Hi {first}, thanks for reaching out. I'm picking this up and will get back to you shortly.",
  "Hi {first}, this is with me now. I'll keep you posted here.",
  "Thanks {first}, got it. I'll look into it today.",
  "Hello {first}, I've taken this one. Give me a little time to check and I'll update you.",
  "Hi {first}, thanks for the details, that helps. Working on it.",
];
export const GENERIC_QA: [string, string][] = [
  ["Hi {first}, could you give me a bit more detail so I can get this right?", "Sure: it's what I described above, and it needs to be done before the end of the month. Let me know if anything else is unclear."],
  ["Before I go ahead: could you confirm that your manager has approved this?", "Yes, my manager approved it this morning."],
];
export const GENERIC_RESOLVE = [
  "Hi {first}, this is done. Let me know if anything else comes up.",
  "All sorted, {first}. I'm marking this as resolved; reply here if something is still not right.",
  "Done on our side. Resolving this now, but just reply if you need anything else.",
];
export const GENERIC_NOTES = [
  "Checked our records: nothing similar in the last months.",
  "Should be quick, doing it after the team meeting.",
  "We get this kind of request a lot. Worth a self-service option? Adding to the list for the weekly review.",
  "Waiting for a reply from the supplier before I can continue.",
];
export const FOLLOW_UP = [
  "Hi, any news on this?",
  "Just checking in: is there an estimate for when this will be done?",
  "Sorry to chase, but this is becoming urgent on my side.",
  "Quick follow-up: a colleague has the same question, so it would be great to get this sorted.",
];
export const THANKS = [
  "Thanks {agent}, that works!",
  "Perfect, thank you!",
  "Great, much appreciated.",
  "Confirmed, all good now. Thanks for the quick help.",
  "Thank you, that's exactly what I needed.",
];
export const REOPEN = [
  "Sorry, this isn't fully sorted yet: the problem is back since this morning.",
  "Reopening: I think there's a misunderstanding, please see my original description.",
  "This only partly solved it. Could you have another look?",
];
export const HANDOVER = ["Passing this to {next}, who knows this area better.", "{next} takes this over while I'm out of office next week.", "Reassigning to {next}: this needs their access rights."];
export const WATCHER_COMMENT = ["Following this one, our team is affected too.", "+1, same here. Thanks for looking into it.", "Adding myself since I'll take over the topic next month."];
