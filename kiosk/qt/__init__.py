"""The kiosk's Qt side: thin QObject bridges over the flows, the jobs runner, voice, images."""
