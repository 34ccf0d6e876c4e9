"""The steps of the baoku pipeline: discover → read → split → enrich → write → publish.

Modules here are plain Python (text in, records out); `tasks.steps` wraps them as Prefect tasks.
"""
