"""People, places and organisations in an article's tagged words. Read top-down:

  lexicon     word lists of news text and the shipped files of names
  places      the gazetteer: a place's province-level unit and normalized name
  rules       what a tagged word proposes as a name, and what it can be inside one (compiled)
  model       the learned scorer of candidate spans (PER / LOC / ORG / none)
  scan        the loops per word and per candidate, and the caches they keep (compiled)
  recognizer  the Recognizer: owns all of the above, loaded once per worker
"""
