-- Reports (module reports) read the journal by type and time range (journal_type_at); these help the rest.

-- The start of the interval an instant falls in: 15/30/60-minute bins aligned on the range start, local calendar
-- days or months in the centre's zone, or the whole range ('all').
CREATE FUNCTION report_bucket(at timestamptz, step text, zone text, origin timestamptz) RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE step
    WHEN 'all' THEN origin
    WHEN 'day' THEN date_trunc('day', at, zone)
    WHEN 'month' THEN date_trunc('month', at, zone)
    ELSE date_bin(step::interval, at, origin)
  END
$$;

-- occupancy: each operator's state changes in time order, and the last one before a range
CREATE INDEX journal_operator_state ON journal (operator_id, at) WHERE type = 'acd.operator.state-changed';
-- ticket transitions: the previous transition of the same ticket (time spent in a state)
CREATE INDEX journal_ticket_transition ON journal ((data->>'ticket'), at) WHERE type = 'crm.ticket.transitioned';
-- notification outcomes per campaign
CREATE INDEX journal_campaign ON journal ((data->>'campaign'), type) WHERE type LIKE 'notify.%';
