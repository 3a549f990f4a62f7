"""Backups with restic and the restore drills that prove them (control DS3).

:mod:`secplan.backup.service` is the entry point; see ``docs/backup.md``.
"""
