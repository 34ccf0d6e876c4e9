"""Splitting a decoded page into articles (`script.split_as_printed`). Read top-down:

  article   the record produced for each article
  layout    paragraphs, indentation, a paragraph cut by a page break
  bylines   datelines, bylines and credits in one paragraph
  cues      a paragraph's role from its own text, and the line shapes several steps read
  titles    which title lines are kicker, headline, subheadline (and the two-line pair model)
  draft     an article while it is read
  models    the fitted models' files in data/
  scorer    does a title run on a blank-line page open a new article
  splitter  the state machine reading the roles in order, and `split_text`
  repairs   an article's repairs once read, and its `Article`
  script    traditional script: split as its simplified conversion, fields mapped back as printed
"""
