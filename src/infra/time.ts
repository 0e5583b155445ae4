import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

/** Shows a UTC instant as wall-clock time in a zone (e.g. Asia/Shanghai). */
export function formatInZone(at: Date, timeZone: string, pattern = "yyyy-MM-dd HH:mm"): string {
  return format(new TZDate(at.getTime(), timeZone), pattern);
}
