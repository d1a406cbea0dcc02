#!/bin/sh
# Run by acpid on the ACPI power button (virsh shutdown / reboot).
echo "virtdeck-guest powering off" >/dev/ttyS0
echo "virtdeck-guest powering off" >/dev/tty1
sync
poweroff -f
