"""From the inbox to decoded text, and the plan of a run:

  discover  every text file under the inbox (recursively, hidden files left out)
  read      a file's bytes and content hash, or why it cannot be read
  decode    bytes to normalised text: UTF-8, GB18030, Big5 or a detected encoding
  dates     a file's date, page and article number from its path, or its date from the text
  papers    a file's newspaper, from --paper, a known file prefix or its first folder
  plan      what the lake already holds per file, batches of about 4 MB, a batch's records
"""
