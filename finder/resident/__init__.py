"""What residents use: store-certificate hours, class sessions and calendars, life events, whom to ask,
the kiosk, the staff demo, QR codes."""
