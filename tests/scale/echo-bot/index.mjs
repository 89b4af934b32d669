// The minimal echo bot of the Microsoft 365 Agents SDK samples: anonymous (no clientId configured),
// listening on PORT, replying to the serviceUrl of each activity. The bench's anchor, not part of the bot.
import { AgentApplication, MemoryStorage } from '@microsoft/agents-hosting'
import { startServer } from '@microsoft/agents-hosting-express'

const agent = new AgentApplication({ storage: new MemoryStorage() })
agent.onActivity('message', async (context) => {
  await context.sendActivity(`Echo: ${context.activity.text}`)
})
startServer(agent)
