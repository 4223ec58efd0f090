"""Anonymous reads on a streaming replica of PostgreSQL, everything else on the primary.

`middleware.ReplicaReadsMiddleware` marks the requests whose reads may go to the
replica (GET/HEAD by visitors without a session); `router.ReplicaRouter` sends
those reads to the `replica` alias with the unit's search_path; `health` says
whether the replica is up and close enough behind; `base` is the replica
alias's database backend, which reports a failing replica.
"""

REPLICA_ALIAS = "replica"
