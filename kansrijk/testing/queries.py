"""What every query-count test counts the same way."""

# Every page request of a logged-in professional pays a fixed number of queries: the
# session, the professional, the OTP device, the memberships (`request.active`), the unread
# notifications and the break-the-glass banner.
PAGE_OVERHEAD = 6
