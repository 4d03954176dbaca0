"""What residents use: the answer a card leads with, store-certificate hours, class sessions and calendars, life
events, whom to ask, the map and the kiosk, the staff demo, QR codes, the resident's city."""
