"""The steps of the baoku pipeline, as plain functions: text in, records out. No Prefect here
(the flows in `flows/` orchestrate these), and nothing here imports `flows` or `warehouse`.

    ingest/    discover the inbox, read and decode a file, its date, page and paper; plan batches
    split/     a page into articles: layout, bylines and datelines, titles, the splitter, repairs
    enrich/    segmentation, terms and keywords, figures; the Enricher holds what a worker loads
    entities/  people, places and organisations: word lists, places, rules, the model, the scan
    lake/      table schemas, buffered rows to Parquet parts, commit and snapshots
    pipeline   one batch of files start to finish: read → decode → split → enrich → write
"""
