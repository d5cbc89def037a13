#!/usr/bin/env bash
# A one-node Slurm on this machine, for `freightsim sweep --engine slurm` in CI and on a
# laptop (Debian: slurm-wlm and munge; run as root). Usage:
#   scripts/slurm-one-node.sh start   # install if needed, write the config, start the daemons
#   scripts/slurm-one-node.sh stop    # stop them (slurmd, slurmctld, munged)
# The state lives under /var/spool/freightsim-slurm; the pids in its pids/ directory.
set -euo pipefail
state=/var/spool/freightsim-slurm
pids=$state/pids

start() {
  if ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq slurm-wlm munge >/dev/null
  fi
  mkdir -p "$state/ctld" "$state/d" "$pids" /etc/munge /var/run/munge /var/log/munge /etc/slurm
  if [ ! -s /etc/munge/munge.key ]; then
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
  fi
  chown -R munge:munge /etc/munge /var/run/munge /var/log/munge 2>/dev/null || true
  chmod 400 /etc/munge/munge.key
  if ! pgrep -x munged >/dev/null; then
    su -s /bin/sh munge -c /usr/sbin/munged
  fi
  host=$(hostname)
  cat > /etc/slurm/slurm.conf <<CONF
ClusterName=freightsim
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/d
SlurmctldPidFile=$pids/slurmctld.pid
SlurmdPidFile=$pids/slurmd.pid
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MpiDefault=none
SlurmctldLogFile=$state/slurmctld.log
SlurmdLogFile=$state/slurmd.log
NodeName=$host CPUs=$(nproc) RealMemory=4000 State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  slurmctld -i
  slurmd
  for _ in $(seq 1 30); do
    if sinfo --noheader --format=%t 2>/dev/null | grep -q idle; then
      echo "slurm: node $host idle"
      return 0
    fi
    sleep 1
  done
  echo "slurm: the node did not come up idle within 30 s" >&2
  sinfo >&2 || true
  tail -n 20 "$state/slurmctld.log" "$state/slurmd.log" >&2 || true
  return 1
}

stop() {
  for d in slurmd slurmctld; do
    if [ -s "$pids/$d.pid" ]; then
      kill "$(cat "$pids/$d.pid")" 2>/dev/null || true
    fi
    pkill -x "$d" 2>/dev/null || true
  done
  pkill -x munged 2>/dev/null || true
  echo "slurm: stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
