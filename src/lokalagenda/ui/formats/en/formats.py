"""English dates on a Norwegian platform: the day first and the month in words ("20 June 2024", "20 Jun 2024").

Django's English formats are American, month first ("06/20/2024"): a reader in Norway reads "05/02/2024" as 5
February, an American as 2 May. Written this way no reader can mistake a council decision's date. Times on the
24-hour clock, as Norwegian documents give them. Input formats stay Django's (ISO 8601 first).
"""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
