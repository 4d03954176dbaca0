"""What residents use: store-certificate hours, calendars, the kiosk, the staff demo, QR codes."""
