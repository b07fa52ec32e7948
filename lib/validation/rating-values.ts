// A rating's scores and how they read, with no zod: the rating form imports these in the browser
// and loads the schemas in ./ratings.ts only when it checks an answer.
export const ratingScores = [1, 2, 3, 4, 5] as const;
export const scoreLabel: Record<(typeof ratingScores)[number], string> = {
  1: "Very poor",
  2: "Poor",
  3: "OK",
  4: "Good",
  5: "Excellent",
};
