#!/bin/sh
# Fleet scale, small: 60 simulated machines x 10 crashes over RELP to one
# rsyslogd restarted twice while they send; every crash arrives exactly
# once after de-duplication by key, none lost, daily caps held.
# bench/fleet.sh runs the full 1,000 x 10 with the same checks.
exec "$(dirname "$0")/../bench/fleet.sh" "${FLEET_MACHINES:-60}" 10
