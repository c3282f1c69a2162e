import asyncio

from rstream import (
    AMQPMessage,
    Consumer,
    ConsumerOffsetSpecification,
    MessageContext,
    OffsetType,
    amqp_decoder,
)


async def receive():
    received = 0
    async with Consumer("localhost", username="guest", password="guest") as consumer:

        async def on_message(message: AMQPMessage, context: MessageContext):
            nonlocal received
            print(f"offset {context.offset}: {message.body.decode()}")
            #> offset 0: event 1
            #> offset 1: event 2
            #> offset 2: event 3
            #> offset 3: event 4
            #> offset 4: event 5
            #> offset 5: event 6
            #> offset 6: event 7
            #> offset 7: event 8
            received += 1
            if received == 8:
                consumer.stop()  # run() below returns

        # From the first message the stream holds.
        await consumer.subscribe(
            "events",
            on_message,
            decoder=amqp_decoder,
            offset_specification=ConsumerOffsetSpecification(OffsetType.FIRST),
        )
        await consumer.run()


asyncio.run(receive())
