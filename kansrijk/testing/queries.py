"""What every query-count test counts the same way."""

# Every page request of a logged-in professional pays a fixed number of queries: the
# session, the professional, the OTP device, the memberships (`request.active`), and the
# header's unread notifications with the running emergency accesses (one query,
# `kansrijk.access.context_processors`).
PAGE_OVERHEAD = 5
