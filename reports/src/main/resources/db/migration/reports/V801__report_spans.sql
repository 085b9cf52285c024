-- Splits a time span [from_at, until_at) at the boundaries of report_bucket's intervals: one row per interval it
-- touches, with the seconds spent in it. Local days and months follow the zone's calendar (DST included).
CREATE FUNCTION report_spans(from_at timestamptz, until_at timestamptz, step text, zone text, origin timestamptz)
RETURNS TABLE (bucket timestamptz, seconds double precision)
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
  b timestamptz := report_bucket(from_at, step, zone, origin);
  nb timestamptz;
BEGIN
  WHILE b < until_at LOOP
    nb := CASE step
      WHEN 'all' THEN 'infinity'::timestamptz
      WHEN 'day' THEN ((b AT TIME ZONE zone) + interval '1 day') AT TIME ZONE zone
      WHEN 'month' THEN ((b AT TIME ZONE zone) + interval '1 month') AT TIME ZONE zone
      ELSE b + step::interval
    END;
    bucket := b;
    seconds := extract(epoch FROM least(until_at, nb) - greatest(from_at, b));
    RETURN NEXT;
    b := nb;
  END LOOP;
END
$$;
