"""Platform adapters for the bot: Matrix, Discord, Telegram (one module each, listed in a registry)."""
