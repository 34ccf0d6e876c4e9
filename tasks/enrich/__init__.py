"""What an article's words say, once it is split:

  segment   word segmentation and POS tags: jieba (the reference) or rjieba (fast)
  enricher  the Enricher: what a worker loads (segmenter, entity recognizer), one article tagged
  figures   reported quantities and what they count
  keywords  the keywords' tags and IDF (jieba's table, or the lake's own)
  quotes    who said what: quotations with their speakers, titles and entities
  terms     a batch's words counted over arrays into the terms and keywords tables
  word_ids  the one loop per word of that counting (compiled)
"""
