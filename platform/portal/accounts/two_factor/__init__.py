"""Two-factor sign-in for the admin (django-otp: TOTP apps plus static backup codes).

After the password, a person with a confirmed device enters a code before any
admin page; network and site administrators without one enrol first
(settings.PORTAL_TWO_FACTOR_REQUIRED_FOR). Devices belong to the global account
(public schema), so one enrolment serves every unit.
"""
