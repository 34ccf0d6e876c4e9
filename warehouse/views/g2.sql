-- g2(mentions, before, words, words_before): Dunning's log-likelihood G2 of a word used
-- `mentions` times among the month's `words` against `before` times among the `words_before`
-- of the earlier months. e1 and e2 are the counts expected if the word's rate never changed;
-- G2 grows with both the size of the change and the counts behind it. A zero count adds 0.
CREATE OR REPLACE MACRO g2(mentions, before, words, words_before) AS
    2 * (CASE WHEN mentions > 0
              THEN mentions * ln(mentions / (words * (mentions + before) / (words + words_before)))
              ELSE 0 END
         + CASE WHEN before > 0
                THEN before * ln(before / (words_before * (mentions + before) / (words + words_before)))
                ELSE 0 END);
