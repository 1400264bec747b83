"""What a terminal's two programs share: the terminal file, the device poller, the local channel.

The fleet agent (:mod:`fleet_agent`) and the citizens' app (:mod:`kiosk`) run side by side on one
terminal and never import each other. Both read the one terminal configuration
(:mod:`terminal.config`); the app owns the devices through :class:`terminal.poller.DevicePoller`
(the code the agent's headless device host runs too) and talks to the agent over the local
channel with :class:`terminal.client.AgentClient`; both speak systemd's notify protocol
(:mod:`terminal.sdnotify`).
"""
