"""iCalendar (RFC 5545) by hand: one VEVENT per public meeting with title, time and place only."""

from datetime import UTC, datetime, timedelta

from .models import Body, Meeting


def escape(text: str) -> str:
    """TEXT values escape backslash, semicolon, comma and newline (RFC 5545 §3.3.11)."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Lines longer than 75 octets are folded with CRLF and a space (§3.1), never inside a character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_text(body: Body, meetings, *, host: str, now: datetime) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Styr//Møder//DA", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape(body.name)}"]
    for meeting in meetings:
        lines += event_lines(meeting, host=host, now=now)
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"


def event_lines(meeting: Meeting, *, host: str, now: datetime) -> list[str]:
    ends_at = meeting.ends_at or meeting.starts_at + timedelta(hours=2)  # a meeting without an end: two hours
    lines = ["BEGIN:VEVENT", f"UID:styr-moede-{meeting.pk}@{host.split(':')[0]}", f"DTSTAMP:{utc(now)}",
             f"DTSTART:{utc(meeting.starts_at)}", f"DTEND:{utc(ends_at)}",
             f"SUMMARY:{escape(f'Møde i {meeting.body.name}')}"]
    if meeting.place:
        lines.append(f"LOCATION:{escape(meeting.place)}")
    lines.append(f"STATUS:{'CANCELLED' if meeting.cancelled else 'CONFIRMED'}")
    lines.append("END:VEVENT")
    return lines
