"""Danish number and date formatting, and the Excel (and later Word/PDF) rendering shared by all apps."""
